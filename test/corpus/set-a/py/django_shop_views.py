import json

from django.db import connection
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .models import Customer, Invoice, Product

ALLOWED_ORDERING = {"name", "-name", "created", "-created"}


@require_GET
def product_detail(request, pk):
    try:
        # ok: CWE-89 -- ORM lookup
        product = Product.objects.get(pk=pk)
    except Product.DoesNotExist:
        raise Http404("no such product")
    return JsonResponse({"id": product.pk, "name": product.name, "price": str(product.price)})


@require_GET
def product_search(request):
    term = request.GET.get("q", "")
    # expect: CWE-89 -- raw() with an f-string built from request.GET
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE name LIKE '%%{term}%%'")
    return JsonResponse({"results": [p.name for p in products]})


@require_GET
def product_search_v2(request):
    term = request.GET.get("q", "")
    # ok: CWE-89 -- raw() with a params list
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name LIKE %s", ["%" + term + "%"])
    return JsonResponse({"results": [p.name for p in products]})


@require_GET
def products_by_category(request):
    category = request.GET.get("category", "")
    # expect: CWE-89 -- extra(where=...) built with % formatting
    count = Product.objects.extra(where=["category = '%s'" % category]).count()
    return JsonResponse({"count": count})


@require_GET
def products_by_category_v2(request):
    category = request.GET.get("category", "")
    # ok: CWE-89 -- extra() with params
    count = Product.objects.extra(where=["category = %s"], params=[category]).count()
    return JsonResponse({"count": count})


@require_GET
def customers(request):
    ordering = request.GET.get("ordering", "name")
    if ordering not in ALLOWED_ORDERING:
        return HttpResponseBadRequest("bad ordering")
    # ok: CWE-89 -- ORM order_by with a validated field name
    names = list(Customer.objects.order_by(ordering).values_list("name", flat=True)[:100])
    return JsonResponse({"customers": names})


@require_GET
def customers_by_score(request):
    weight = request.GET.get("weight", "1")
    # expect: CWE-89 -- RawSQL expression text built from request.GET
    top = list(Customer.objects.annotate(score=RawSQL("lifetime_value * " + weight, ())).order_by("-score").values("name", "score")[:10])
    return JsonResponse({"top": top})


@require_GET
def customers_by_score_v2(request):
    try:
        weight = float(request.GET.get("weight", "1"))
    except ValueError:
        return HttpResponseBadRequest("weight must be a number")
    # ok: CWE-89 -- RawSQL with params
    top = list(Customer.objects.annotate(score=RawSQL("lifetime_value * %s", (weight,))).order_by("-score").values("name", "score")[:10])
    return JsonResponse({"top": top})


@require_GET
def invoice_totals(request):
    year = request.GET.get("year", "2024")
    with connection.cursor() as cursor:
        # expect: CWE-89 -- request value concatenated into cursor.execute
        cursor.execute("SELECT customer_id, SUM(amount) FROM billing_invoice WHERE EXTRACT(year FROM issued) = " + year + " GROUP BY customer_id")
        rows = cursor.fetchall()
    return JsonResponse({"totals": rows})


@require_GET
def invoice_totals_v2(request):
    year = request.GET.get("year", "2024")
    with connection.cursor() as cursor:
        # ok: CWE-89 -- %s placeholder with a params list
        cursor.execute("SELECT customer_id, SUM(amount) FROM billing_invoice WHERE EXTRACT(year FROM issued) = %s GROUP BY customer_id", [year])
        rows = cursor.fetchall()
    return JsonResponse({"totals": rows})


@require_GET
def customer_notes(request, customer_id):
    contains = request.GET.get("contains", "")
    with connection.cursor() as cursor:
        # expect: CWE-89 -- % used as the string formatting operator, not as a parameter argument
        cursor.execute("SELECT body FROM crm_note WHERE customer_id = %s AND body LIKE '%%%s%%'" % (customer_id, contains))
        notes = [row[0] for row in cursor.fetchall()]
    return JsonResponse({"notes": notes})


@require_GET
def recent_activity(request):
    since = request.GET.get("since", "2024-01-01")
    cursor = connection.cursor()
    try:
        # expect: CWE-89 -- str.format with request data
        cursor.execute("SELECT * FROM audit_event WHERE created_at >= '{}' ORDER BY created_at DESC LIMIT 50".format(since))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return JsonResponse({"events": rows})


@require_GET
def products_with_margin(request):
    rate = request.GET.get("rate", "0.2")
    # expect: CWE-89 -- extra(select=...) expression built from request.GET
    rows = list(Product.objects.extra(select={"margin": "price * " + rate}).values("name", "margin")[:50])
    return JsonResponse({"products": rows})


@require_POST
def mark_paid(request):
    body = json.loads(request.body)
    ids = [int(i) for i in body.get("ids", [])]
    if not ids:
        return JsonResponse({"updated": 0})
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        # ok: CWE-89 -- generated %s placeholders, integer ids bound
        cursor.execute(f"UPDATE billing_invoice SET status = 'paid' WHERE id IN ({placeholders})", ids)
    return JsonResponse({"updated": len(ids)})


@require_POST
def bulk_discount(request):
    body = json.loads(request.body)
    # ok: CWE-89 -- ORM update with an F expression
    updated = Product.objects.filter(category=body["category"]).update(price=F("price") * 0.9)
    return JsonResponse({"updated": updated})


@require_GET
def top_categories(request):
    # ok: CWE-89 -- ORM aggregation
    data = list(Product.objects.values("category").annotate(n=Count("id")).order_by("-n")[:5])
    return JsonResponse({"categories": data})


@require_GET
def overdue_invoices(request):
    # ok: CWE-89 -- ORM filter with a related lookup
    invoices = list(Invoice.objects.filter(status="open", customer__country=request.GET.get("country", "NL")).values("id", "amount"))
    return JsonResponse({"invoices": invoices})
