"""The file format is in the README ("Content for clinic staff"). Prefer --output
to stdout: logging writes to stdout too."""

from django.core.management.base import BaseCommand, CommandError

from portal.content_transfer import dumps, export_content


class Command(BaseCommand):
    help = (
        "Export the articles and tips with their translations, and the site "
        "settings (logo included), as JSON (format version 2), "
        "for import_content on this or another site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help=(
                "Write to FILE instead of the standard output. Prefer it for "
                "backups: the site's log lines also go to the standard output."
            ),
        )

    def handle(self, *args, output=None, **options):
        document = export_content()
        text = dumps(document)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        translations = sum(
            len(item["translations"])
            for item in [*document["articles"], *document["tips"]]
        )
        self.stderr.write(
            f"Exported {len(document['articles'])} articles, "
            f"{len(document['tips'])} tips, {translations} translations and the "
            f"site settings to {output}."
        )
