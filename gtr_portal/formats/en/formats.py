# Day first, month in words: "14 May 2025", "14 May 2025, 07:36"; never "5/14/2025 7:36 a.m.".
# Short months in the Associated Press style ("N": Jan., Sept., June), as in French.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in the member states
