"""Ferry's Open Inference Protocol (v2) with the clients callers already have: tritonclient[http]
and KServe's InferenceRESTClient, each with its default settings (tritonclient sends and asks for
binary tensor data; KServe's client sends JSON unless told otherwise). Run by scripts/test-oip
against a live `ferry serve` with the example bundle registered as FERRY_MODEL (@champion too).

Each client reproduces the bundle's golden outputs (golden.json: the model's predictions for its
golden inputs, within the bundle's tolerance) and gives exactly the bits /v1 gives."""
import asyncio
import json
import os
import tarfile
import urllib.request

import numpy as np
import pytest
import tritonclient.http as triton
from tritonclient.utils import InferenceServerException
from kserve import InferenceRESTClient, InferInput, InferRequest, RESTConfig

URL = os.environ["FERRY_URL"]
MODEL = os.environ["FERRY_MODEL"]
READ_TOKEN = os.environ["FERRY_TOKEN_READ"]
PREDICT_TOKEN = os.environ["FERRY_TOKEN_PREDICT"]


def read():
    # A new dict each call: tritonclient adds its own headers to the dict it is given.
    return {"Authorization": "Bearer " + READ_TOKEN}


def predict():
    return {"Authorization": "Bearer " + PREDICT_TOKEN}


def golden():
    with tarfile.open(os.environ["FERRY_BUNDLE"], "r:gz") as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/golden.json"))
        data = json.load(archive.extractfile(member))
    return data["features"], np.array(data["inputs"], dtype=np.float64), np.array(data["outputs"], dtype=np.float64), data["tolerance"]


FEATURES, INPUTS, OUTPUTS, TOLERANCE = golden()


def v1_predictions(reference):
    rows = [dict(zip(FEATURES, map(float, row))) for row in INPUTS]
    request = urllib.request.Request(
        f"{URL}/v1/models/{reference}/predict", data=json.dumps({"rows": rows}).encode(),
        headers={**predict(), "Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        return np.array(json.load(response)["predictions"], dtype=np.float64)


V1 = v1_predictions(MODEL)


def same_bits(a, b):
    return np.array_equal(np.asarray(a, dtype=np.float64).view(np.uint64), np.asarray(b, dtype=np.float64).view(np.uint64))


@pytest.fixture(scope="module")
def client():
    with triton.InferenceServerClient(URL.removeprefix("http://")) as triton_client:
        yield triton_client


def test_v1_reproduces_the_golden_outputs():
    assert np.max(np.abs(V1 - OUTPUTS)) <= TOLERANCE


def test_tritonclient_sees_a_live_ready_model_with_its_schema(client):
    assert client.is_server_live() and client.is_server_ready()
    assert client.is_model_ready(MODEL) and client.is_model_ready(MODEL, model_version="1.0.0")
    assert not client.is_model_ready("no-such-model")
    metadata = client.get_model_metadata(MODEL, headers=read())
    assert metadata["inputs"] == [{"name": "input", "datatype": "FP64", "shape": [-1, len(FEATURES)]}]
    assert metadata["parameters"]["features"] == FEATURES and metadata["versions"] == ["1.0.0"]


def test_tritonclient_defaults_binary_tensors_reproduce_golden_and_v1_bits(client):
    tensor = triton.InferInput("input", list(INPUTS.shape), "FP64")
    tensor.set_data_from_numpy(INPUTS)  # binary_data=True by default; no outputs named: binary output too
    result = client.infer(MODEL, [tensor], headers=predict())
    predictions = result.as_numpy("prediction")
    assert predictions.shape == (len(INPUTS),)
    assert np.max(np.abs(predictions - OUTPUTS)) <= TOLERANCE
    assert same_bits(predictions, V1)
    response = result.get_response()
    assert response["model_version"] == "1.0.0" and len(response["parameters"]["bundle_sha256"]) == 64


def test_tritonclient_json_tensors_and_a_version_path(client):
    tensor = triton.InferInput("input", list(INPUTS.shape), "FP64")
    tensor.set_data_from_numpy(INPUTS, binary_data=False)
    output = triton.InferRequestedOutput("prediction", binary_data=False)
    result = client.infer(MODEL, [tensor], outputs=[output], model_version="1.0.0", headers=predict())
    assert same_bits(result.as_numpy("prediction"), V1)


def test_tritonclient_gets_the_error_message(client):
    tensor = triton.InferInput("input", [1, 3], "FP64")
    tensor.set_data_from_numpy(np.zeros((1, 3)))
    with pytest.raises(InferenceServerException, match="has 3 columns; the model reads 39 features"):
        client.infer(MODEL, [tensor], headers=predict())
    with pytest.raises(InferenceServerException, match="bearer token"):
        client.infer(MODEL, [tensor])


def kserve(coroutine):
    async def run():
        async with InferenceRESTClient(RESTConfig(protocol="v2", verbose=False)) as rest:
            return await coroutine(rest)
    return asyncio.run(run())


def test_kserve_client_checks_readiness():
    assert kserve(lambda rest: rest.is_server_live(URL))
    assert kserve(lambda rest: rest.is_server_ready(URL))
    assert kserve(lambda rest: rest.is_model_ready(URL, MODEL))
    assert not kserve(lambda rest: rest.is_model_ready(URL, "no-such-model"))


@pytest.mark.parametrize("binary", [False, True])
def test_kserve_client_infers_one_matrix_tensor(binary):
    tensor = InferInput("input", list(INPUTS.shape), "FP64")
    tensor.set_data_from_numpy(INPUTS, binary_data=binary)
    request = InferRequest(model_name=MODEL, infer_inputs=[tensor])
    response = kserve(lambda rest: rest.infer(URL, request, model_name=MODEL, headers=predict()))
    predictions = response.outputs[0].as_numpy()
    assert np.max(np.abs(predictions - OUTPUTS)) <= TOLERANCE
    assert same_bits(predictions, V1)


def test_kserve_client_infers_one_tensor_per_feature_through_an_alias():
    tensors = []
    for column, name in enumerate(FEATURES):
        tensor = InferInput(name, [len(INPUTS)], "FP64")
        tensor.set_data_from_numpy(np.ascontiguousarray(INPUTS[:, column]), binary_data=False)
        tensors.append(tensor)
    request = InferRequest(model_name=f"{MODEL}@champion", infer_inputs=tensors)
    response = kserve(lambda rest: rest.infer(URL, request, model_name=f"{MODEL}@champion", headers=predict()))
    assert same_bits(response.outputs[0].as_numpy(), V1)
