import rules

from members.permissions import is_focal_point, reads_everything

# The regional dashboard is for the secretariat and supervisors; a focal point sees the same
# dashboard restricted to its own administration.
rules.add_perm("reports.view_dashboard", reads_everything | is_focal_point)
rules.add_perm("reports.view_regional_dashboard", reads_everything)
