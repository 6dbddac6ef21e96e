from django.urls import path

from questionnaire import views

app_name = "questionnaire"

urlpatterns = [
    path("", views.start, name="start"),
    path("urgent/", views.urgent, name="urgent"),
    path("children/", views.child, name="child"),
    path("check-your-answers/", views.check_answers, name="check_answers"),
    path("result/", views.result, name="result"),
    path("clear/", views.clear, name="clear"),
    path("<slug:slug>/", views.step, name="step"),
]
