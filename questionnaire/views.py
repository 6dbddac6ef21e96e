from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.models import SiteSettings
from questionnaire import rules
from questionnaire.forms import STEPS, STEPS_BY_SLUG, TestResultForm, WarningSignsForm
from questionnaire.gauge import build_gauge
from questionnaire.progress import Progress
from questionnaire.shared_parts import fields_html, result_content, saved_fields_html


def step_url(step, change=False):
    url = reverse("questionnaire:step", kwargs={"slug": step.slug})
    return f"{url}?change=1" if change else url


def next_url(progress, step, change=False):
    """Return where a page goes when its answers are saved: the next page asked,
    or (when changing an answer) any page that change newly asks, else the
    summary."""
    if change:
        missing = progress.first_missing_step()
        if missing is not None:
            return step_url(missing)
        return reverse("questionnaire:check_answers")
    steps = progress.steps()
    position = steps.index(step)
    if position == len(steps) - 1:
        return reverse("questionnaire:check_answers")
    return step_url(steps[position + 1])


def back_url(progress, step, change=False):
    """Return where a page's back link goes: the summary when changing an answer,
    else the page before (or the start page)."""
    if change:
        return reverse("questionnaire:check_answers")
    steps = progress.steps()
    position = steps.index(step)
    if position:
        return step_url(steps[position - 1])
    return reverse("questionnaire:start")


def warning_context(progress):
    """Return what every later page needs to keep the warning-sign advice first."""
    urgency = progress.warning_sign_urgency()
    if urgency is None:
        return {}
    return {"warning_urgency": urgency, "warning_advice": rules.URGENCY_ADVICE[urgency]}


def progress_for(request):
    site = SiteSettings.for_request(request)
    return Progress(request.session, drink_country=site.standard_drink_country)


def start(request):
    context = {
        "first_step": STEPS[0],
        "step_count": len(STEPS),
        "has_answers": Progress(request.session).has_answers(),
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "adult_age": rules.ADULT_AGE,
    }
    return render(request, "questionnaire/start.html", context)


def saved_page(progress, form_class):
    """Return (the form for the page, its questions' HTML or None to render the
    form). Answers kept as valid show no error, so the unbound form stands in
    for the page and its kept HTML is filled in with them; otherwise the form is
    bound to the saved answers, or unbound if there are none."""
    if progress.kept_answers(form_class) is not None:
        form = progress.form(form_class)
        html = saved_fields_html(form, progress.saved_data(form_class.slug))
        if html is not None:
            return form, html
    return progress.bound_form(form_class) or progress.form(form_class), None


@never_cache
def step(request, slug):
    form_class = STEPS_BY_SLUG.get(slug)
    if form_class is None:
        raise Http404
    progress = progress_for(request)
    missing = progress.first_unanswered_step(before=form_class)
    if missing is not None:
        return redirect(step_url(missing))
    steps = progress.steps()
    if form_class not in steps:
        # Not asked of this patient (the pregnancy page after "male").
        return redirect(step_url(steps[STEPS.index(form_class)]))

    change = request.GET.get("change") == "1"
    html = None
    if request.method == "POST":
        form = progress.form(form_class, request.POST)
        if form.is_valid():
            if form.starts_check:
                # A new session id, so a session id planted before cannot read
                # these answers.
                request.session.cycle_key()
            progress.save(form)
            return redirect(
                form.interruption() or next_url(progress, form_class, change)
            )
    else:
        form, html = saved_page(progress, form_class)

    steps = progress.steps()
    position = steps.index(form_class)
    context = {
        "form": form,
        "fields_html": fields_html(form) if html is None else html,
        "step_number": position + 1,
        "step_count": len(steps),
        "back_url": back_url(progress, form_class, change),
        "change": change,
        **(warning_context(progress) if position else {}),
    }
    templates = [
        f"questionnaire/steps/{form_class.slug}.html",
        "questionnaire/step.html",
    ]
    return render(request, templates, context)


@never_cache
def urgent(request):
    form = Progress(request.session).valid_form(WarningSignsForm)
    if form is None or not form.has_warning_signs():
        return redirect(step_url(WarningSignsForm))
    signs = form.answers()["warning_signs"]
    urgency = rules.warning_sign_urgency(signs)
    context = {
        "signs": [sign.label for sign in rules.WarningSign if sign in signs],
        "urgency": urgency,
        "urgency_advice": rules.URGENCY_ADVICE[urgency],
        "next_url": step_url(TestResultForm),
        "back_url": step_url(WarningSignsForm),
    }
    return render(request, "questionnaire/urgent.html", context)


def child(request):
    return render(request, "questionnaire/child.html", {"adult_age": rules.ADULT_AGE})


@never_cache
def check_answers(request):
    progress = progress_for(request)
    forms = progress.valid_forms()
    if forms is None:
        return redirect(step_url(progress.first_missing_step()))
    sections = [
        {
            "title": form.title,
            "rows": form.summary_rows(),
            "url": step_url(type(form), True),
        }
        for form in forms
    ]
    context = {
        "sections": sections,
        "back_url": step_url(STEPS[-1]),
        **warning_context(progress),
    }
    return render(request, "questionnaire/check_answers.html", context)


@never_cache
def result(request):
    progress = progress_for(request)
    answers = progress.answers()
    if answers is None:
        return redirect(step_url(progress.first_missing_step()))
    interruption = progress.interruption_before_result()
    if interruption is not None:
        return redirect(interruption)
    site = SiteSettings.for_request(request)
    assessment = rules.assess(
        answers,
        drink_country=site.standard_drink_country,
        default_upper_limits=site.default_upper_limits,
    )
    links, tips_html, kept = result_content()
    flagged = {finding.cause for finding in assessment.causes}
    link_for_cause = dict(links)
    context = {
        "assessment": assessment,
        "adult_age": rules.ADULT_AGE,
        "gauge": build_gauge(assessment),
        "relevant_causes": [
            {"finding": finding, "link": link_for_cause.get(finding.cause)}
            for finding in assessment.causes
        ],
        "other_links": [link for cause, link in links if cause not in flagged],
        "tips_html": tips_html,
        "booking_url": assessment.booking_link(site.booking_url),
        "kept": kept,
    }
    return render(request, "questionnaire/result.html", context)


@require_POST
def clear(request):
    # Delete the whole server-side session and its id, not only the answers.
    request.session.flush()
    messages.success(request, _("Your answers have been cleared."))
    return redirect("questionnaire:start")
