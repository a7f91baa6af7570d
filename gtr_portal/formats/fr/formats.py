# "14 mai 2025", "14 mai 2025 à 07:36". Short months are those of the Associated Press style
# ("N": janv., févr., juin, juil.): "M" would print "Mai", and "Jui" for both June and July.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y à H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
