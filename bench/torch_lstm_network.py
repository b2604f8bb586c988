"""The PyTorch network Ferry's LSTM plugins match: nn.LSTM(batch_first=True), then for the
attention variant nn.MultiheadAttention over its outputs, then nn.Linear(hidden, 1) on the last
step. Its state_dict names (lstm.*, attention.*, fc.*) are the tensor names in a Ferry bundle."""
import torch


class Network(torch.nn.Module):
    def __init__(self, features, hidden, layers, heads=0):
        super().__init__()
        self.lstm = torch.nn.LSTM(features, hidden, num_layers=layers, batch_first=True, dropout=0.2 if layers > 1 else 0.0)
        self.attention = torch.nn.MultiheadAttention(hidden, heads, batch_first=True) if heads else None
        self.fc = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        outputs, _ = self.lstm(x)
        if self.attention is not None:
            outputs = self.attention(outputs, outputs, outputs, need_weights=False)[0]
        return self.fc(outputs[:, -1, :]).squeeze(1)
