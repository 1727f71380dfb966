"""Citizen accounts (sign up, verify, sign in, profile) and the staff second factor."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mpp.accounts import domain
from mpp.accounts.forms import (
    CodeForm,
    LoginForm,
    ProfileForm,
    SignupForm,
)
from mpp.accounts.models import CitizenProfile, User
from mpp.accounts.profile_sections import profile_sections_context
from mpp.core import fairuse
from mpp.core.qr import qr_svg


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _home_for(user: User) -> str:
    if user.is_staff:
        return reverse("applications:inbox")
    return reverse("applications:mine")


@never_cache
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_home_for(request.user))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fairuse.check(request, "signup", contact=form.cleaned_data["contact"])
        try:
            user = domain.register_citizen(
                full_name=form.cleaned_data["full_name"],
                contact=form.cleaned_data["contact"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            domain.update_profile(
                user=user, full_name=form.cleaned_data["full_name"], accept_privacy=True
            )
            login(request, user, backend="mpp.accounts.backends.EmailOrPhoneBackend")
            domain.send_verification_code(user=user, purpose=domain.verification_purpose(user))
            next_url = _next_url(request, reverse("applications:mine"))
            return redirect(with_next(reverse("accounts:verify"), next_url))
    return render(request, "accounts/signup.html", {"form": form, "next": _next_url(request, "")})


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["login"],
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            from mpp.accounts.throttling import locked_out

            return locked_out(request)
        if user is None:
            form.add_error(
                None,
                _("The e-mail address, number or password is not right. Please try again."),
            )
        else:
            login(request, user)
            if user.is_staff:
                return redirect(
                    with_next(
                        reverse("accounts:two-factor"),
                        _next_url(request, reverse("applications:inbox")),
                    )
                )
            return HttpResponseRedirect(_next_url(request, reverse("applications:mine")))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request, "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("catalog:home")


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    purpose = domain.verification_purpose(user)
    form = CodeForm(request.POST or None)
    next_url = _next_url(request, reverse("applications:mine"))
    if request.method == "POST" and "resend" in request.POST:
        fairuse.check(request, "otp", contact=f"user:{user.pk}")
        try:
            domain.send_verification_code(user=user, purpose=purpose)
            messages.success(request, _("A new code is on its way."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(with_next(reverse("accounts:verify"), next_url))
    if request.method == "POST" and form.is_valid():
        if domain.verify_code(user=user, purpose=purpose, code=form.cleaned_data["code"]):
            messages.success(request, _("Thank you, your account is verified."))
            return HttpResponseRedirect(next_url)
        form.add_error(
            "code",
            _("This code is not right or has expired. Check the message or ask for a new code."),
        )
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "destination": domain.masked_destination(user, purpose),
            "by_email": purpose == "verify_email",
            "already": user.is_verified_contact,
            "next": next_url,
            "minutes": settings.MPP_OTP_LIFETIME_SECONDS // 60,
        },
    )


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    stored = CitizenProfile.objects.filter(user=user).first()
    initial = {
        "full_name": stored.full_name if stored else user.get_full_name(),
        "phone": str(user.phone or ""),
        "kecamatan_code": stored.kecamatan_code if stored else "",
        "desa_name": stored.desa_name if stored else "",
        "street": stored.street if stored else "",
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_profile(user=user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "profile": stored, "user_obj": user, **profile_sections_context(user)},
    )


# --- Staff second factor ---------------------------------------------------------------------


def _confirmed_device(user: User) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Staff enter the six-digit code of their authenticator app (TOTP)."""
    from django_otp import login as otp_login

    user: User = request.user  # type: ignore[assignment]
    next_url = _next_url(request, _home_for(user))
    device = _confirmed_device(user)
    if device is None:
        return redirect(with_next(reverse("accounts:two-factor-setup"), next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(next_url)
        form.add_error(
            "code",
            _("This code is not right. Wait for the next code in your app and try again.")
            if allowed
            else _("Too many wrong codes. Wait a minute and try again."),
        )
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in of a staff member: connect an authenticator app by QR code."""
    import base64

    from django_otp import login as otp_login

    user: User = request.user  # type: ignore[assignment]
    next_url = _next_url(request, _home_for(user))
    if not user.is_staff:
        return redirect(next_url)
    if _confirmed_device(user) is not None:
        return redirect(with_next(reverse("accounts:two-factor"), next_url))
    device = domain.start_totp_enrolment(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if domain.confirm_totp_enrolment(user=user, device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is connected."))
            return HttpResponseRedirect(next_url)
        form.add_error("code", _("This code is not right. Try the next code in your app."))
    qr = qr_svg(device.config_url)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    response = render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": next_url,
        },
    )
    response["Cache-Control"] = "no-store"
    return response
