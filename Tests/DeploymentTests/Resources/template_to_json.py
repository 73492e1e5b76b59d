"""Print a CloudFormation YAML template as JSON.

    python template_to_json.py TEMPLATE

It uses cfn-lint's loader, which turns short-form tags into their long form: `!Ref X` becomes
{"Ref": "X"}, `!If [...]` becomes {"Fn::If": [...]} and `!GetAtt A.B` becomes {"Fn::GetAtt": ["A", "B"]}.
"""

import json
import sys

from cfnlint.decode import cfn_yaml

json.dump(cfn_yaml.load(sys.argv[1]), sys.stdout)
