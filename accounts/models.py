from django.db import models


class PasswordFailure(models.Model):
    """A wrong password for an account, tried from a browser that account has never logged in
    on. Counted across every address to slow guessing at one account (accounts.lockout)."""

    username = models.CharField(max_length=150)
    failed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["username", "failed_at"])]

    def __str__(self) -> str:
        return f"Wrong password for {self.username} at {self.failed_at:%Y-%m-%d %H:%M}"
