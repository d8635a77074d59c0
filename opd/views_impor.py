from django.http import Http404


def pegawai_import(request):
    raise Http404
