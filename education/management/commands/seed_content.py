"""Run after migrate; safe to run any number of times (education.seeding)."""

from django.core.management.base import BaseCommand

from education.seeding import load_seed, load_translations


class Command(BaseCommand):
    help = (
        "Load the starter articles, tips and translations once; never overwrite "
        "staff edits."
    )

    def handle(self, *args, **options):
        summary = load_seed()
        self.stdout.write(
            f"Seed content: created {summary.created}, kept {summary.kept} "
            "already loaded."
        )
        for key in summary.updated:
            self.stdout.write(f"Updated to the newer starter text (not edited): {key}")
        if summary.newer_version_offered:
            self.stdout.write(
                "Kept as staff edited or reviewed them; the admin offers the newer "
                "starter text on their edit pages:"
            )
            for key in summary.newer_version_offered:
                self.stdout.write(f"  {key}")
        for problem in summary.skipped:
            self.stderr.write(f"Skipped {problem}")
        translations = load_translations()
        self.stdout.write(
            f"Seed translations: created {len(translations.created)}, kept "
            f"{translations.kept} already loaded."
        )
        for problem in translations.skipped:
            self.stderr.write(f"Skipped translation {problem}")
