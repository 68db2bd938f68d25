"""Development tools: the benchmark, the load test and demo data.

Installed only when DEBUG is on or DEV_TOOLS=true (config/settings.py), so production has
none of these commands, and none of them can create a login with a published password.
"""
