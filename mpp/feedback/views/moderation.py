"""Staff page of the moderation of survey suggestions (issue 12.3): the mall manager reads the
free text respondents wrote and approves it for the public report or keeps it off. Only
approved suggestions appear on public pages and in the public spreadsheet; every decision is
audited (mpp.feedback.domain.moderation)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mpp.accounts.access import staff_page
from mpp.core.tenancy import mall_or_404
from mpp.feedback import domain, permissions
from mpp.feedback.enums import ModerationStatus
from mpp.feedback.errors import FeedbackError
from mpp.feedback.models import SurveyResponse

TABS = (
    (ModerationStatus.PENDING, gettext_lazy("Awaiting moderation")),
    (ModerationStatus.APPROVED, gettext_lazy("Approved for publication")),
    (ModerationStatus.REJECTED, gettext_lazy("Not published")),
)


@never_cache
@staff_page(allow=permissions.works_at_desk)
@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    if not permissions.can_manage(request.user, mall.pk):
        raise Http404(_("You do not have permission to open this page."))
    show = request.GET.get("show", ModerationStatus.PENDING)
    if show not in ModerationStatus.values:
        show = ModerationStatus.PENDING
    if request.method == "POST":
        try:
            pk = int(request.POST.get("response", ""))
        except ValueError:
            pk = 0
        response = SurveyResponse.objects.filter(mall=mall, pk=pk).exclude(suggestion="").first()
        if response is None:
            raise Http404(_("There is no such suggestion."))
        try:
            domain.moderate_suggestion(
                response=response, actor=request.user, decision=request.POST.get("decision", "")
            )
        except FeedbackError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Saved."))
        return redirect(f"{request.path}?show={show}")
    qs = (
        SurveyResponse.objects.filter(mall=mall, suggestion_status=show)
        .exclude(suggestion="")
        .select_related("service", "agency")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/staff/suggestions.html",
        {
            "page": page,
            "show": show,
            "tabs": [(key, str(label)) for key, label in TABS],
            "pending": SurveyResponse.objects.filter(
                mall=mall, suggestion_status=ModerationStatus.PENDING
            )
            .exclude(suggestion="")
            .count(),
        },
    )
