"""Loads carelake_dag.py against a stub `airflow` package and prints its task graph as JSON.

Airflow cannot be installed on the build machines, so this stands in for it: it writes a tiny `airflow` package
laid out like Airflow 2.x (airflow.operators.bash, airflow.models) or 3.x (airflow.sdk,
airflow.providers.standard), whose DAG and BashOperator only record what the DAG file does, then renders each
task's bash_command the way Airflow's Jinja would for one DAG run.

usage: python3 -B stub_harness.py 2|3 STUB_DIR DAG_FILE
environment: STUB_VARIABLES (JSON: Airflow Variables), STUB_RUN (JSON: conf, data_interval_start/end)
"""
import importlib.util
import json
import os
import re
import shlex
import sys
import types
from datetime import datetime, timedelta

CORE = '''
import json

DAGS = []
CURRENT = []
VARIABLES = {}
NOTSET = object()


class Param:
    def __init__(self, default=None, description=None, **schema):
        self.value = default
        self.description = description
        self.schema = schema


def _get(key, default, deserialize_json):
    if key in VARIABLES:
        value = VARIABLES[key]
        return json.loads(value) if deserialize_json else value
    if default is NOTSET:
        raise KeyError("Variable " + key + " does not exist")
    return default


class Variable2:
    @classmethod
    def get(cls, key, default_var=NOTSET, deserialize_json=False):
        return _get(key, default_var, deserialize_json)


class Variable3:
    @classmethod
    def get(cls, key, default=NOTSET, deserialize_json=False):
        return _get(key, default, deserialize_json)


class _Dag:
    def _record(self, dag_id, kwargs):
        self.dag_id = dag_id
        self.kwargs = {k: v for k, v in kwargs.items() if k not in ("self", "dag_id", "__class__")}
        self.tasks = []
        self.edges = []
        DAGS.append(self)

    def __enter__(self):
        CURRENT.append(self)
        return self

    def __exit__(self, *exc):
        CURRENT.pop()


class Dag2(_Dag):
    """Like Airflow 2.3: schedule_interval only."""
    def __init__(self, dag_id, description=None, schedule_interval=None, start_date=None, catchup=True,
                 max_active_runs=16, max_active_tasks=16, tags=None, default_args=None, params=None,
                 user_defined_macros=None, doc_md=None):
        self._record(dag_id, locals())


class Dag3(_Dag):
    """Like Airflow 3.x: schedule only."""
    def __init__(self, dag_id, description=None, schedule=None, start_date=None, catchup=False,
                 max_active_runs=16, max_active_tasks=16, tags=None, default_args=None, params=None,
                 user_defined_macros=None, doc_md=None):
        self._record(dag_id, locals())


class BashOperator:
    def __init__(self, task_id, bash_command, dag=None, **kwargs):
        self.dag = dag or CURRENT[-1]
        if any(t.task_id == task_id for t in self.dag.tasks):
            raise ValueError("duplicate task id " + task_id)
        self.task_id = task_id
        self.bash_command = bash_command
        self.kwargs = kwargs
        self.dag.tasks.append(self)

    def __rshift__(self, other):
        self.dag.edges.append([self.task_id, other.task_id])
        return other
'''

LAYOUTS = {
    "2": {
        "airflow/__init__.py": "from airflow_stub_core import Dag2 as DAG\n",
        "airflow/operators/__init__.py": "",
        "airflow/operators/bash.py": "from airflow_stub_core import BashOperator\n",
        "airflow/models/__init__.py": "from airflow_stub_core import Variable2 as Variable\n",
        "airflow/models/param.py": "from airflow_stub_core import Param\n",
    },
    "3": {
        "airflow/__init__.py": "",
        "airflow/sdk/__init__.py": "from airflow_stub_core import Dag3 as DAG, Param, Variable3 as Variable\n",
        "airflow/providers/__init__.py": "",
        "airflow/providers/standard/__init__.py": "",
        "airflow/providers/standard/operators/__init__.py": "",
        "airflow/providers/standard/operators/bash.py": "from airflow_stub_core import BashOperator\n",
    },
}


def write_stubs(version, root):
    files = dict(LAYOUTS[version])
    files["airflow_stub_core.py"] = CORE
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)


class Accessor:
    """Airflow's template `var.value` / `var.json`."""
    def __init__(self, variables, deserialize):
        self.variables = variables
        self.deserialize = deserialize

    def get(self, key, default=None):
        if key not in self.variables:
            return default
        value = self.variables[key]
        return json.loads(value) if self.deserialize else value


def render(template, context):
    # The DAG's templates are plain calls, so Python can evaluate each {{ ... }} as Jinja would.
    return re.sub(r"\{\{(.*?)\}\}", lambda m: str(eval(m.group(1).strip(), dict(context))), template)


def argv(command):
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    return tokens[:tokens.index(";")] if ";" in tokens else tokens


def when(value):
    return None if value is None else datetime.fromisoformat(value)


def main(version, stub_dir, dag_file):
    sys.dont_write_bytecode = True
    write_stubs(version, stub_dir)
    sys.path.insert(0, stub_dir)
    import airflow_stub_core as core
    variables = json.loads(os.environ.get("STUB_VARIABLES", "{}"))
    core.VARIABLES.update(variables)
    spec = importlib.util.spec_from_file_location("carelake_dag", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dag = core.DAGS[0]

    run = json.loads(os.environ.get("STUB_RUN", "{}"))
    params = {name: p.value for name, p in (dag.kwargs.get("params") or {}).items()}
    params.update(run.get("conf", {}))  # dag_run_conf_overrides_params, Airflow's default
    context = dict(dag.kwargs.get("user_defined_macros") or {})
    context["params"] = params
    context["var"] = types.SimpleNamespace(value=Accessor(variables, False), json=Accessor(variables, True))
    context["dag_run"] = types.SimpleNamespace(data_interval_start=when(run.get("data_interval_start")),
                                               data_interval_end=when(run.get("data_interval_end")))
    tasks = []
    for t in dag.tasks:
        entry = {"task_id": t.task_id, "bash_command": t.bash_command}
        try:
            entry["rendered"] = render(t.bash_command, context)
            entry["argv"] = argv(entry["rendered"])
        except Exception as e:
            entry["render_error"] = f"{type(e).__name__}: {e}"
        tasks.append(entry)

    kwargs = {k: v for k, v in dag.kwargs.items() if k not in ("user_defined_macros", "start_date")}
    kwargs["params"] = params
    kwargs["default_args"] = {k: v.total_seconds() if isinstance(v, timedelta) else v
                              for k, v in (kwargs.get("default_args") or {}).items()}
    print(json.dumps({
        "imported": sorted(m for m in sys.modules if m == "airflow" or m.startswith("airflow.")),
        "dag_class": type(dag).__name__,
        "dag_id": dag.dag_id,
        "kwargs": kwargs,
        "tasks": tasks,
        "edges": dag.edges,
    }, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:4])
