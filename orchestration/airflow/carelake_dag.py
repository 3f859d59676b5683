"""Carelake's pipeline as an Airflow DAG (Airflow 2.x and 3.x).

Each Airflow task is one `spark-submit` of the Carelake application jar running one Carelake task
(`carelake run --only TASK`), so Airflow retries, logs and times every step on its own. The DAG's doc_md below is
the operator's manual; the README's "Scheduling with Airflow" section says how this file is verified.
"""
import inspect
import json
import re
import shlex
from datetime import datetime, timedelta, timezone

try:  # Airflow 3.x: the task SDK and the standard provider
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.x
    from airflow.operators.bash import BashOperator
try:
    from airflow.sdk import DAG, Param, Variable
except ImportError:
    from airflow import DAG
    from airflow.models import Variable
    from airflow.models.param import Param

DAG_ID = "carelake"
# Carelake's task graph in dependency order: the names `carelake run --only TASK` takes.
PIPELINE_TASKS = ["landing", "terminology", "silver", "identity", "gold", "measures", "risk", "cohorts",
                  "deid", "quality", "publish"]
MAIN_CLASS = "org.carelake.cli.Carelake"
# Carelake's exit code for "finished, but some input was quarantined": a data-quality signal, not a failed ingest.
QUARANTINED = 3
PERIOD = re.compile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")
SOURCE = re.compile(r"^[A-Za-z0-9_.:-]+$")
DEFAULTS = {
    "jar": "/opt/carelake/carelake-cluster.jar",
    "lakehouse": "",
    "master": "",
    "spark_submit": "spark-submit",
}

DOC_MD = """
### Carelake

Runs Carelake's pipeline, one Airflow task per Carelake task, each a `spark-submit` of the Carelake jar:

`[ingest_fhir_<source> ...] -> landing -> terminology -> silver -> identity -> gold -> measures -> risk -> cohorts
-> deid -> quality -> publish`

Each task runs `spark-submit --class org.carelake.cli.Carelake JAR --lakehouse URI run --only TASK --period START/END`.
Ingest skips files it has taken in and silver takes in only new bronze batches, so a retry takes nothing in twice.
`max_active_runs=1` and `max_active_tasks=1` because the lakehouse has one writer at a time.

**Configuration** (a DAG param, when set for a run, wins over the Airflow Variable):

| param | Variable | meaning |
| --- | --- | --- |
| `jar` | `carelake_jar` | the cluster jar (`mvn -Pcluster package`); default `/opt/carelake/carelake-cluster.jar` |
| `lakehouse` | `carelake_lakehouse` | lakehouse URI (`s3a://...`, a path); empty: the worker's `$CARELAKE_HOME` |
| `master` | `carelake_master` | Spark master for `spark-submit --master`; empty: spark-submit's default |
| `spark_submit` | `carelake_spark_submit` | the spark-submit executable, default `spark-submit` |
| `spark_conf` | `carelake_spark_conf` (JSON) | extra `--conf` settings, e.g. `{"spark.driver.memory": "8g"}` |
| `period` | | measurement period `START/END` (ISO dates); overrides `period_from` |
| `period_from` | | `calendar_year` of the data interval (default), `data_interval` (its first to last day), `none` |

Read when the DAG file is parsed: `carelake_schedule` (a cron expression or preset, default `@daily`; `none`:
triggered runs only), `carelake_tasks` (comma-separated subset of the tasks above) and
`carelake_ndjson_dirs` (JSON `{"source": "directory-or-URI"}`: one `ingest fhir DIR --source SOURCE` task per entry,
run before `landing`; files already ingested are skipped by Carelake's ledger, and quarantined input does not fail
the task). Retries: 3, with exponential backoff from 2 to 30 minutes.

Trigger and follow from a terminal: `carelake airflow trigger --period 2025-01-01/2025-12-31`, then
`carelake airflow status` and `carelake airflow logs`.
"""


def _variable(key, default):
    """An Airflow Variable at parse time, or the default where there is none (or no metadata database)."""
    try:
        # Positional: Airflow 2 names the default `default_var`, Airflow 3 `default`.
        value = Variable.get(key, None)
    except Exception:  # a missing metadata database must not break parsing
        return default
    return default if value in (None, "") else value


def _pipeline_tasks():
    wanted = _variable("carelake_tasks", "")
    if not wanted:
        return list(PIPELINE_TASKS)
    names = [t.strip() for t in wanted.split(",") if t.strip()]
    unknown = [t for t in names if t not in PIPELINE_TASKS]
    if unknown:
        raise ValueError(f"carelake_tasks: unknown task(s) {unknown}; tasks: {PIPELINE_TASKS}")
    return [t for t in PIPELINE_TASKS if t in names]  # dependency order, whatever order was written


def _schedule():
    value = _variable("carelake_schedule", "@daily")
    return None if value.strip().lower() in ("none", "null") else value  # None: triggered runs only


def _ndjson_dirs():
    raw = _variable("carelake_ndjson_dirs", "{}")
    dirs = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(dirs, dict):
        raise ValueError('carelake_ndjson_dirs must be a JSON object {"source": "directory"}')
    for source in dirs:
        if not SOURCE.match(source):  # the source becomes a task id and Carelake's --source
            raise ValueError(f"carelake_ndjson_dirs: source '{source}' takes letters, digits and _ . : - only")
    return dirs


def _setting(params, variables, name):
    """A run's param, else the Airflow Variable carelake_<name>, else the default."""
    value = params.get(name)
    if value in (None, ""):
        value = variables.get("carelake_" + name, DEFAULTS[name])
    return value or DEFAULTS[name]


def carelake_submit(params, variables, json_variables):
    """The spark-submit command line up to Carelake's subcommand, every value shell-quoted."""
    conf = dict(json_variables.get("carelake_spark_conf", {}) or {})
    conf.update(params.get("spark_conf") or {})
    master = _setting(params, variables, "master")
    lakehouse = _setting(params, variables, "lakehouse")
    args = [_setting(params, variables, "spark_submit")]
    if master:
        args += ["--master", master]
    args += ["--class", MAIN_CLASS]
    for key in sorted(conf):
        args += ["--conf", f"{key}={conf[key]}"]
    args.append(_setting(params, variables, "jar"))
    if lakehouse:
        args += ["--lakehouse", lakehouse]
    return " ".join(shlex.quote(str(a)) for a in args)


def carelake_period(params, dag_run):
    """`--period START/END` for the run, or nothing (Carelake's default, the last full calendar year)."""
    explicit = (params.get("period") or "").strip()
    if explicit:
        if not PERIOD.match(explicit):
            raise ValueError(f"period must be START/END with ISO dates, e.g. 2025-01-01/2025-12-31; got '{explicit}'")
        return "--period " + explicit
    mode = params.get("period_from") or "calendar_year"
    # From the DAG run, not the context: a 3.x run triggered without a logical date has no data_interval_* keys.
    start = getattr(dag_run, "data_interval_start", None)
    end = getattr(dag_run, "data_interval_end", None)
    if mode == "none" or start is None or end is None:
        return ""
    last = max(start, end - timedelta(days=1))  # the interval's end is exclusive
    if mode == "calendar_year":
        return f"--period {last.year}-01-01/{last.year}-12-31"
    if end <= start:  # a manual run of an unscheduled DAG: an empty interval says nothing
        return ""
    return f"--period {start:%Y-%m-%d}/{last:%Y-%m-%d}"


SUBMIT = "{{ carelake_submit(params, var.value, var.json) }}"


def pipeline_command(task):
    return f"{SUBMIT} run --only {task} {{{{ carelake_period(params, dag_run) }}}}"


def ingest_command(source, directory):
    cmd = f"{SUBMIT} ingest fhir {shlex.quote(directory)} --source {shlex.quote(source)}"
    return (f"{cmd}; rc=$?; if [ $rc -eq {QUARANTINED} ]; then "
            f"echo 'carelake: some input was quarantined; see carelake status'; exit 0; fi; exit $rc")


def _dag(schedule, **kwargs):
    """The DAG with its schedule under the name this Airflow takes: 3.x removed schedule_interval, before 2.4 there
    was no schedule."""
    try:
        names = inspect.signature(DAG.__init__).parameters
    except (TypeError, ValueError):
        names = {"schedule": None}
    if "schedule" in names:
        return DAG(schedule=schedule, **kwargs)
    return DAG(schedule_interval=schedule, **kwargs)


with _dag(
    _schedule(),
    dag_id=DAG_ID,
    description=("Carelake: ingest -> landing -> terminology -> silver -> identity -> gold -> measures -> risk"
                 " -> cohorts -> deid -> quality -> publish"),
    doc_md=DOC_MD,
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    max_active_tasks=1,
    tags=["carelake"],
    default_args={
        "owner": "carelake",
        "retries": 3,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    params={
        "period": Param("", type="string", description="Measurement period START/END (ISO dates); empty: from the "
                        "run's data interval"),
        "period_from": Param("calendar_year", enum=["calendar_year", "data_interval", "none"]),
        "jar": Param("", type="string", description="Carelake cluster jar; empty: Variable carelake_jar"),
        "lakehouse": Param("", type="string", description="Lakehouse URI; empty: Variable carelake_lakehouse"),
        "master": Param("", type="string", description="Spark master; empty: Variable carelake_master"),
        "spark_submit": Param("", type="string", description="spark-submit; empty: Variable carelake_spark_submit"),
        "spark_conf": Param({}, type="object", description="Extra --conf settings, added to carelake_spark_conf"),
    },
    user_defined_macros={"carelake_submit": carelake_submit, "carelake_period": carelake_period},
) as dag:
    previous = None
    for source, directory in sorted(_ndjson_dirs().items()):
        ingest = BashOperator(task_id="ingest_fhir_" + re.sub(r"[^A-Za-z0-9_]", "_", source),
                              bash_command=ingest_command(source, directory))
        if previous is not None:
            previous >> ingest  # one writer: ingests run one after another
        previous = ingest
    for name in _pipeline_tasks():
        task = BashOperator(task_id=name, bash_command=pipeline_command(name))
        if previous is not None:
            previous >> task
        previous = task
