from django.urls import path

from mpp.feedback.views import complaints, followup, moderation, staff, survey

app_name = "feedback"

urlpatterns = [
    # Satisfaction survey (SKM).
    path("survei/kios/", survey.kiosk_start, name="kiosk"),
    path("survei/terima-kasih/", survey.survey_thanks, name="survey-thanks"),
    path("survei/laporan/", survey.survey_report, name="report"),
    path("survei/laporan/ikm.xlsx", survey.survey_report_xlsx, name="report-xlsx"),
    path("survei/ikm/poster/", survey.poster, name="poster"),
    path("survei/ikm/papan/", survey.board_slide, name="board-slide"),
    path("survei/<str:token>/", survey.survey, name="survey"),
    path("survei/<str:token>/kios/<int:step>/", survey.kiosk_step, name="kiosk-step"),
    # Complaints (pengaduan).
    path("pengaduan/", complaints.complaints_home, name="complaints"),
    path("pengaduan/baru/", complaints.complaint_new, name="complaint-new"),
    path("pengaduan/kios/", complaints.complaint_new_kiosk, name="complaint-kiosk"),
    path("pengaduan/terkirim/", complaints.complaint_filed, name="complaint-filed"),
    path(
        "pengaduan/kios/terkirim/", complaints.complaint_filed_kiosk, name="complaint-filed-kiosk"
    ),
    path("pengaduan/lacak/", complaints.track, name="track"),
    path("pengaduan/lacak/hasil/", complaints.track_result, name="track-result"),
    path("pengaduan/lacak/tanggapan/", complaints.track_respond, name="track-respond"),
    path("pengaduan/lacak/selesai/", complaints.track_end, name="track-end"),
    path("pengaduan/publik/", complaints.published, name="published"),
    # Staff.
    path("staf/pengaduan/", staff.desk, name="desk"),
    path("staf/pengaduan/lapor.<str:fmt>", staff.lapor_export, name="lapor-export"),
    path("staf/pengaduan/<str:code>/", staff.detail, name="desk-detail"),
    path("staf/pengaduan/<str:code>/aksi/", staff.action, name="desk-action"),
    path("staf/pengaduan/<str:code>/foto/", staff.photo, name="desk-photo"),
    path("staf/survei/undangan/", staff.invitation_new, name="invitation-new"),
    path("staf/survei/saran/", moderation.suggestions, name="suggestions"),
    path("staf/survei/tindak-lanjut/", followup.follow_ups, name="follow-ups"),
    path("staf/survei/tindak-lanjut/<int:pk>/", followup.follow_up, name="follow-up"),
]
