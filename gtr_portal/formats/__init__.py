"""Date formats of the portal, read through FORMAT_MODULE_PATH before Django's own.

Dates are unambiguous in both languages: the day first and the month in words ("14 mai 2025",
"14 May 2025"), never "2025-05-14" nor "05/14/2025"; times on 24 hours. What a module leaves
out (input formats, number separators) comes from Django's locale.
"""
