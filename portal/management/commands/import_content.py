"""The rules are in the README ("Content for clinic staff")."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.content_transfer import ContentImportError, import_content, read_file


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S %Z")


class Command(BaseCommand):
    help = (
        "Import content exported by export_content. Items changed here more "
        "recently than in the file are kept and reported as conflicts; each "
        "change is saved in the admin's History as “Imported from FILE”."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="A file from export_content.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what the import would do, and save nothing.",
        )
        parser.add_argument(
            "--include-site-settings",
            action="store_true",
            help=(
                "Also import the site settings (hospital name, logo, phone numbers, "
                "clinical defaults), e.g. to restore this site's own backup. Left "
                "out by default, so another hospital's file never brings its name "
                "and phone numbers."
            ),
        )
        parser.add_argument(
            "--new-as-drafts",
            action="store_true",
            help=(
                "Create new articles and tips as drafts, hidden from patients until "
                "staff publish them. By default they keep the file's status."
            ),
        )

    def handle(self, *args, file, **options):
        def print_report(report):
            # Called before the import commits: if printing fails, nothing is
            # saved, so the output never hides what was written.
            text = "\n".join(report_lines(report, file))
            self.stdout.write(text)

        try:
            import_content(
                read_file(file),
                source=file,
                dry_run=options["dry_run"],
                include_site_settings=options["include_site_settings"],
                new_as_drafts=options["new_as_drafts"],
                before_commit=print_report,
            )
        except ContentImportError as error:
            raise CommandError(f"{error} Nothing was imported.") from None


def report_lines(report, file):
    lines = []
    write = lines.append
    if report.dry_run:
        write(f"Dry run of importing {file}: nothing was saved.")
    else:
        write(f"Imported from {file}.")
    write(
        f"Created {len(report.created)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, conflicts {len(report.conflicts)}."
    )
    for heading, names in [
        ("Created", report.created),
        ("Updated", report.updated),
    ]:
        for name in names:
            write(f"  {heading}: {name}")
    if report.published_created:
        write(
            f"{len(report.published_created)} of the created items are "
            "published: patients can see them now. Review them in the admin "
            "(or import with --new-as-drafts)."
        )
    if report.conflicts:
        write(
            "Conflicts: changed here since the last import, or more recently than "
            "in the file, so left as they are:"
        )
        for conflict in report.conflicts:
            title = f" “{conflict.title}”" if conflict.title else ""
            write(
                f"  {conflict.kind}{title}: changed here "
                f"{_when(conflict.local_updated_at)}, in the file "
                f"{_when(conflict.exported_updated_at)}"
            )
    if report.site_settings_skipped:
        write(
            "The file's site settings were not imported (add "
            "--include-site-settings to import them)."
        )
    if report.starter_content_marked_loaded:
        write(
            "The starter content is marked as loaded, so seed_content will not "
            "add it on top of the imported content."
        )
    return lines
