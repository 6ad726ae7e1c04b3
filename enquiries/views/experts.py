"""The expert's side of the double opt-in: the answer page (reached by a signed, expiring
link from the e-mail, or from the list of asks when signed in) and that list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from enquiries import selectors
from enquiries.forms import AnswerForm
from enquiries.services import introductions
from enquiries.views import AuthenticatedRequest
from network.web import get_or_404, paginate, show_on_form

ASKS_PER_PAGE = 20


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        candidate_id = introductions.candidate_id_from_token(token)
    except signing.SignatureExpired:
        return render(request, "enquiries/answer_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    candidate = get_or_404(selectors.candidate_get_for_answer, pk=candidate_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == "accept":
                introductions.candidate_accept(candidate=candidate)
                messages.success(
                    request, _("¡Gracias! Les enviamos los datos de contacto a ambos.")
                )
            else:
                introductions.candidate_decline(
                    candidate=candidate, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Gracias por responder; no compartimos tus datos."))
            return redirect("enquiries:answer", token=token)
        except ValidationError as error:
            show_on_form(form, error)
    status = 400 if form.errors else 200
    return render(
        request,
        "enquiries/answer.html",
        {"candidate": candidate, "enquiry": candidate.enquiry, "form": form},
        status=status,
    )


@login_required
@require_GET
def my_asks(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, selectors.candidate_list_for_expert(user=request.user), ASKS_PER_PAGE)
    rows = [(c, introductions.answer_token(c)) for c in page.object_list]
    return render(request, "enquiries/my_asks.html", {"rows": rows, "page": page})
