from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from wrench.accounts.models import User


@admin.register(User)
class WrenchUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "approval_limit", "is_active"]
    list_filter = ["groups", "sites", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Wrench", {"fields": ("sites", "approval_limit", "trade")}),
    )
    filter_horizontal = ["groups", "user_permissions", "sites"]
