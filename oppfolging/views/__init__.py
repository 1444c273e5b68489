"""Pages of the follow-up work: oversikt (Min oversikt), kartlegging, plan."""
