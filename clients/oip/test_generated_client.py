"""A client generated from Ferry's /openapi.json by openapi-python-client compiles and calls
predict (/v1) and infer (/v2) with the bits the hand-written requests get."""
import importlib
import os
import subprocess
import sys
import urllib.request

import numpy as np

from test_open_inference import FEATURES, INPUTS, MODEL, PREDICT_TOKEN, URL, V1, same_bits


def generated_client(tmp_path):
    document = tmp_path / "openapi.json"
    with urllib.request.urlopen(f"{URL}/openapi.json") as response:
        document.write_bytes(response.read())
    generator = os.path.join(os.path.dirname(sys.executable), "openapi-python-client")
    subprocess.run([generator, "generate", "--path", str(document), "--meta", "none", "--output-path", str(tmp_path / "ferry_client")],
                   check=True, capture_output=True, cwd=tmp_path)
    sys.path.insert(0, str(tmp_path))
    return importlib.import_module("ferry_client")


def test_a_generated_client_predicts_and_infers(tmp_path):
    ferry_client = generated_client(tmp_path)
    from ferry_client.api.default import post_v1_models_name_predict, post_v2_models_model_infer
    from ferry_client.models import InferenceRequest, PredictRequest, PredictRequestRowsItem, PredictResponse

    client = ferry_client.AuthenticatedClient(base_url=URL, token=PREDICT_TOKEN)
    rows = [PredictRequestRowsItem.from_dict({name: float(value) for name, value in zip(FEATURES, row)}) for row in INPUTS]
    answer = post_v1_models_name_predict.sync(name=MODEL, client=client, body=PredictRequest(rows=rows))
    assert isinstance(answer, PredictResponse), answer
    assert same_bits(np.array(answer.predictions, dtype=np.float64), V1)

    tensor = {"name": "input", "shape": list(INPUTS.shape), "datatype": "FP64", "data": INPUTS.tolist()}
    inferred = post_v2_models_model_infer.sync(model=MODEL, client=client, body=InferenceRequest.from_dict({"inputs": [tensor]}))
    assert inferred.model_version == "1.0.0"
    assert same_bits(np.array(inferred.outputs[0].data, dtype=np.float64), V1)
