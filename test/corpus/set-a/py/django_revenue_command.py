"""management/commands/revenue_report.py"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models.expressions import RawSQL

from billing.models import Invoice

ALLOWED_INTERVALS = {"day", "week", "month"}


class Command(BaseCommand):
    help = "Print revenue per period and optional per-customer details"

    def add_arguments(self, parser):
        parser.add_argument("--customer")
        parser.add_argument("--interval", default="month")
        parser.add_argument("--database", default="default")
        parser.add_argument("--where", help="extra SQL filter for the invoice count")
        parser.add_argument("--order", default="amount")
        parser.add_argument("--min-amount", default="0")

    def handle(self, *args, **options):
        interval = options["interval"]
        if interval not in ALLOWED_INTERVALS:
            raise CommandError(f"interval must be one of {sorted(ALLOWED_INTERVALS)}")

        with connections[options["database"]].cursor() as cursor:
            # ok: CWE-89 -- interval validated against ALLOWED_INTERVALS above
            cursor.execute(f"SELECT date_trunc('{interval}', issued) AS period, SUM(amount) FROM billing_invoice GROUP BY 1 ORDER BY 1")
            for period, total in cursor.fetchall():
                self.stdout.write(f"{period:%Y-%m-%d}  {total}")

        customer = options.get("customer")
        if customer:
            with connection.cursor() as cursor:
                # expect: CWE-89 -- command-line option concatenated
                cursor.execute("SELECT id, amount FROM billing_invoice WHERE customer_ref = '" + customer + "' ORDER BY issued")
                for invoice_id, amount in cursor.fetchall():
                    self.stdout.write(f"  #{invoice_id}: {amount}")

        extra_where = options.get("where")
        if extra_where:
            # expect: CWE-89 -- raw filter text from an option passed to extra()
            count = Invoice.objects.extra(where=[extra_where]).count()
            self.stdout.write(f"{count} invoices match {extra_where!r}")

        # expect: CWE-89 -- RawSQL ordering expression built from an option
        top = list(Invoice.objects.order_by(RawSQL(f"{options['order']} DESC", ())).values_list("id", flat=True)[:10])
        self.stdout.write(f"top invoices: {top}")

        # expect: CWE-89 -- raw() with %-formatting of an option value
        large = list(Invoice.objects.raw("SELECT * FROM billing_invoice WHERE amount > %s" % options["min_amount"]))
        self.stdout.write(f"{len(large)} invoices above {options['min_amount']}")

        with transaction.atomic():
            with connection.cursor() as cursor:
                # ok: CWE-89 -- params list
                cursor.execute("INSERT INTO report_runs (kind, interval) VALUES (%s, %s)", ["revenue", interval])
