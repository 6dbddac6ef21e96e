from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("liver-health-tips/", views.tips, name="tips"),
]
