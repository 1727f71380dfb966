from django.urls import path

from mpp.accounts import views

app_name = "accounts"

urlpatterns = [
    path("akun/daftar/", views.signup, name="signup"),
    path("akun/masuk/", views.login_view, name="login"),
    path("akun/keluar/", views.logout_view, name="logout"),
    path("akun/verifikasi/", views.verify, name="verify"),
    path("akun/profil/", views.profile, name="profile"),
    path("akun/dua-langkah/", views.two_factor, name="two-factor"),
    path("akun/dua-langkah/pasang/", views.two_factor_setup, name="two-factor-setup"),
]
