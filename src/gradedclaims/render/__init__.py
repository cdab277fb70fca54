"""Pure rendering: project model in, HTML or Markdown out. Nothing here knows MkDocs."""
