"""MkDocs hooks entry point (see mkdocs.yml `hooks:`): the pipeline lives in sitegen/."""
from sitegen.mkdocs_glue import (  # noqa: F401  (MkDocs looks these names up)
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_post_build,
    on_post_page,
    on_pre_build,
    on_pre_page,
    on_shutdown,
    on_startup,
)
