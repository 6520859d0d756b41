// PathUptime page behaviour (htmx does most of the work).
