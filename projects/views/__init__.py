"""Pages of the projects app: projects (list, detail, edit, workflow) and collaboration
(interests, invitations, engagements, dashboard)."""
