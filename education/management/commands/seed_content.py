"""Load the starter patient content (articles and tips) from education/seed/.

Run after migrate. Safe to run any number of times: an item is loaded once, and
staff edits or deletions are never undone (see education.seeding).
"""

from django.core.management.base import BaseCommand

from education.seeding import load_seed


class Command(BaseCommand):
    help = "Load the starter articles and tips once; never overwrite staff edits."

    def handle(self, *args, **options):
        summary = load_seed()
        self.stdout.write(
            f"Seed content: created {summary.created}, kept {summary.kept} "
            "already loaded."
        )
        for problem in summary.skipped:
            self.stderr.write(f"Skipped {problem}")
