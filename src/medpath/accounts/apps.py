from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "medpath.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from medpath import importing  # noqa: F401  (forgets a deleted account's uploads waiting for a confirm)
