from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Site")

    def ready(self):
        from portal import page_cache

        # Everything a content page shows: a change to any of them is a new version.
        for model in (
            "education.Article",
            "education.Tip",
            "education.ArticleTranslation",
            "education.TipTranslation",
            "portal.SiteSettings",
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    page_cache.content_changed,
                    sender=model,
                    dispatch_uid=f"page_cache:{signal}:{model}",
                )
        # An upgrade may change templates, or rows without a save; it runs migrate.
        post_migrate.connect(
            page_cache.content_changed, sender=self, dispatch_uid="page_cache:migrate"
        )
