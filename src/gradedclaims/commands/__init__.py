"""The subcommands of `claims` (gradedclaims.cli), one module each, each with main(argv)."""
