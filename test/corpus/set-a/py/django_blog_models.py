from django.db import connection, models
from django.db.models.expressions import RawSQL
from rest_framework.decorators import api_view
from rest_framework.response import Response

STATS_FIELDS = {"status", "category", "author"}


class ArticleQuerySet(models.QuerySet):
    def published(self):
        # ok: CWE-89 -- ORM filter
        return self.filter(status="published")

    def with_rank(self, query):
        # ok: CWE-89 -- RawSQL with params
        return self.annotate(rank=RawSQL("ts_rank(search_vector, plainto_tsquery(%s))", (query,)))

    def tagged(self, tag):
        # expect: CWE-89 -- extra() where clause built with an f-string
        return self.extra(where=[f"id IN (SELECT article_id FROM blog_tag WHERE name = '{tag}')"])

    def tagged_safe(self, tag):
        # ok: CWE-89 -- extra() with params
        return self.extra(where=["id IN (SELECT article_id FROM blog_tag WHERE name = %s)"], params=[tag])


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def by_author_raw(self, author):
        # expect: CWE-89 -- raw() with string concatenation
        return self.raw("SELECT * FROM blog_article WHERE author = '" + author + "'")

    def word_counts(self):
        with connection.cursor() as cursor:
            # ok: CWE-89 -- constant SQL
            cursor.execute("SELECT id, array_length(regexp_split_to_array(body, '\\s+'), 1) FROM blog_article")
            return dict(cursor.fetchall())


class Article(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)
    category = models.CharField(max_length=50)
    status = models.CharField(max_length=20, default="draft")
    body = models.TextField()

    objects = ArticleManager()

    def related(self, limit=5):
        # expect: CWE-89 -- stored field value (self.category) formatted into raw SQL
        return Article.objects.raw("SELECT * FROM blog_article WHERE category = '%s' AND id <> %s LIMIT %s" % (self.category, self.pk, limit))

    def related_safe(self, limit=5):
        # ok: CWE-89 -- ORM filter/exclude
        return Article.objects.filter(category=self.category).exclude(pk=self.pk)[:limit]


@api_view(["GET"])
def article_search(request):
    q = request.query_params.get("q", "")
    # ok: CWE-89 -- ORM chain whose only raw part is RawSQL with params
    articles = list(Article.objects.published().with_rank(q).order_by("-rank")[:20])
    return Response([{"id": a.pk, "title": a.title} for a in articles])


@api_view(["GET"])
def articles_by_tag(request, tag):
    articles = Article.objects.published().tagged(tag)
    return Response([a.title for a in articles])


@api_view(["GET"])
def articles_by_author(request):
    articles = Article.objects.by_author_raw(request.query_params.get("author", ""))
    return Response([a.title for a in articles])


@api_view(["POST"])
def bulk_update_status(request):
    ids = request.data.get("ids", [])
    status = request.data.get("status", "draft")
    with connection.cursor() as cursor:
        # expect: CWE-89 -- status from request.data formatted in; ids joined unconverted
        cursor.execute("UPDATE blog_article SET status = '%s' WHERE id IN (%s)" % (status, ",".join(map(str, ids))))
    return Response({"updated": len(ids)})


@api_view(["GET"])
def archive(request):
    year = request.query_params.get("year", "2024")
    month = request.query_params.get("month", "1")
    # expect: CWE-89 -- raw() with request values in an f-string
    articles = list(Article.objects.raw(f"SELECT * FROM blog_article WHERE EXTRACT(year FROM created) = {year} AND EXTRACT(month FROM created) = {month}"))
    return Response([a.title for a in articles])


@api_view(["GET"])
def stats(request):
    field = request.query_params.get("field", "status")
    if field not in STATS_FIELDS:
        return Response({"error": "unsupported field"}, status=400)
    with connection.cursor() as cursor:
        # ok: CWE-89 -- field validated against a fixed set
        cursor.execute(f"SELECT {field}, COUNT(*) FROM blog_article GROUP BY {field}")
        return Response(dict(cursor.fetchall()))

