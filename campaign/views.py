from django.shortcuts import render


def schedule(request):
    return render(request, "campaign/schedule.html", {})
