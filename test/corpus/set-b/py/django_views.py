from django.contrib.auth.decorators import login_required
from django.db import connection, connections
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .models import Order, Product, Review

ALLOWED_ORDERING = {"price", "-price", "name", "-name", "created", "-created"}


@require_GET
def product_list(request):
    ordering = request.GET.get("ordering", "name")
    if ordering not in ALLOWED_ORDERING:
        ordering = "name"
    # ok: CWE-89 -- ORM filter
    qs = Product.objects.filter(active=True, name__icontains=request.GET.get("q", "")).order_by(ordering)
    return JsonResponse({"results": list(qs.values("id", "name", "price")[:50])})


@require_GET
def product_raw(request, slug):
    # ok: CWE-89 -- raw() with params
    products = Product.objects.raw("SELECT * FROM shop_product WHERE slug = %s", [slug])
    return JsonResponse({"ids": [p.id for p in products]})


@require_GET
def product_raw_category(request):
    category = request.GET["category"]
    # expect: CWE-89
    products = Product.objects.raw(f"SELECT * FROM shop_product WHERE category = '{category}'")
    return JsonResponse({"ids": [p.id for p in products]})


@require_GET
def products_extra(request):
    color = request.GET.get("color", "red")
    # expect: CWE-89 -- extra(where=...) with a formatted value
    qs = Product.objects.extra(where=["attributes->>'color' = '%s'" % color])
    return JsonResponse({"count": qs.count()})


@require_GET
def products_extra_safe(request):
    color = request.GET.get("color", "red")
    # ok: CWE-89 -- extra() with params
    qs = Product.objects.extra(where=["attributes->>'color' = %s"], params=[color])
    return JsonResponse({"count": qs.count()})


@require_GET
def products_with_score(request):
    boost = request.GET.get("boost", "1")
    # expect: CWE-89 -- RawSQL text built from input
    qs = Product.objects.annotate(score=RawSQL("rating * " + boost, ()))
    return JsonResponse({"top": list(qs.order_by("-score").values_list("id", flat=True)[:10])})


@require_GET
def products_with_score_safe(request):
    boost = float(request.GET.get("boost", "1"))
    # ok: CWE-89 -- RawSQL with params
    qs = Product.objects.annotate(score=RawSQL("rating * %s", (boost,)))
    return JsonResponse({"top": list(qs.order_by("-score").values_list("id", flat=True)[:10])})


@login_required
def my_orders(request):
    status = request.GET.get("status")
    with connection.cursor() as cursor:
        if status:
            # ok: CWE-89
            cursor.execute("SELECT id, total FROM shop_order WHERE user_id = %s AND status = %s", [request.user.id, status])
        else:
            # ok: CWE-89
            cursor.execute("SELECT id, total FROM shop_order WHERE user_id = %s", [request.user.id])
        rows = cursor.fetchall()
    return JsonResponse({"orders": rows})


@login_required
def order_search(request):
    term = request.GET.get("term", "")
    sql = "SELECT id, total FROM shop_order WHERE user_id = %s AND notes ILIKE '%%" + term + "%%'"
    with connection.cursor() as cursor:
        # expect: CWE-89 -- term concatenated even though user_id is a parameter
        cursor.execute(sql, [request.user.id])
        return JsonResponse({"orders": cursor.fetchall()})


@require_GET
def review_stats(request, product_id):
    db_alias = request.GET.get("db", "default")
    if db_alias not in ("default", "replica"):
        raise Http404
    with connections[db_alias].cursor() as cur:
        # ok: CWE-89
        cur.execute("SELECT rating, COUNT(*) FROM shop_review WHERE product_id = %s GROUP BY rating ORDER BY rating", [product_id])
        data = dict(cur.fetchall())
    # ok: CWE-89 -- ORM aggregation
    total = Review.objects.filter(product_id=product_id).aggregate(n=Count("id"))["n"]
    return JsonResponse({"histogram": data, "total": total})


@require_POST
@login_required
def bulk_discount(request):
    pct = request.POST["pct"]
    category = request.POST["category"]
    # ok: CWE-89 -- F expression update
    Product.objects.filter(category=category).update(price=F("price") * (100 - int(pct)) / 100)
    with connection.cursor() as cur:
        # expect: CWE-89 -- category from the form, concatenated into the log insert
        cur.execute("INSERT INTO shop_pricelog (category, pct) VALUES ('" + category + "', %s)", [int(pct)])
    return JsonResponse({"ok": True})


@require_GET
def sales_by(request):
    dimension = request.GET.get("by", "country")
    with connection.cursor() as cur:
        # expect: CWE-89 -- GROUP BY column from the query string
        cur.execute("SELECT {0}, SUM(total) FROM shop_order GROUP BY {0}".format(dimension))
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


@require_GET
def products_by_ids(request):
    ids = request.GET.get("ids", "")
    # expect: CWE-89 -- comma list from the query string formatted into raw()
    products = Product.objects.raw("SELECT * FROM shop_product WHERE id IN (%s)" % ids)
    return JsonResponse({"names": [p.name for p in products]})


@require_GET
def products_marked_up(request):
    factor = request.GET.get("factor", "1.2")
    # expect: CWE-89 -- extra(select=...) with concatenated input
    qs = Product.objects.extra(select={"marked_up": "price * " + factor})
    return JsonResponse({"rows": list(qs.values("id", "marked_up")[:20])})


@require_GET
def regional_bestsellers(request):
    region = request.COOKIES.get("region", "eu")
    with connection.cursor() as cur:
        # expect: CWE-89 -- cookie value concatenated
        cur.execute("SELECT product_id, count(*) FROM shop_orderline WHERE region = '" + region + "' GROUP BY 1 ORDER BY 2 DESC LIMIT 10")
        return JsonResponse({"rows": cur.fetchall()})


def latest_order_ids(request):
    # ok: CWE-89 -- constant raw SQL
    ids = [o.id for o in Order.objects.raw("SELECT id FROM shop_order ORDER BY created DESC LIMIT 5")]
    return JsonResponse({"ids": ids})
