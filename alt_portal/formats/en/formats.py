# Patients read "30 November 2026" (GOV.UK style), not Django's US "Nov. 30, 2026".
# Chinese pages keep Django's zh_Hans format, "2026年11月30日".
DATE_FORMAT = "j F Y"
