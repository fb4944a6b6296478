"""JSON API of the experience pillar, one module per subdomain: the log and totals (``log``), hour targets
(``hour_targets``), verification (``verification``), the procedure log (``procedure_log``), and shifts and
work hours (``work_hours``). ``router`` gathers them under one tag; ``medpath.api`` mounts it.
"""

from ninja import Router

from medpath.experience.api import hour_targets, log, procedure_log, verification, work_hours

router = Router(tags=["hands-on experience"])
for part in (log, hour_targets, verification, procedure_log, work_hours):  # the order of the schema's paths
    # Operation ids stay those of the one module the handlers came from (medpath_experience_api_<handler>),
    # so the OpenAPI schema and the clients generated from it do not change with the layout.
    for path_view in part.router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = operation.operation_id or f"medpath_experience_api_{operation.view_func.__name__}"
    router.add_router("", part.router)

__all__ = ["router"]
