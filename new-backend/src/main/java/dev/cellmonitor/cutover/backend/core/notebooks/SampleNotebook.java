package dev.cellmonitor.cutover.backend.core.notebooks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fixed notebook the legacy's {@code simulate-commit} test helper commits. */
final class SampleNotebook {

    private static final String CONTENT = """
            {"cells": [
              {"id": "cell_001", "cell_type": "markdown",
               "source": ["# Test Notebook\\n", "\\n", "This is a test notebook for version management simulation."],
               "metadata": {}},
              {"id": "cell_002", "cell_type": "code",
               "source": ["import numpy as np\\n", "import pandas as pd\\n", "\\n", "print('Hello, Version Control!')"],
               "metadata": {}, "execution_count": 1,
               "outputs": [{"output_type": "stream", "name": "stdout", "text": ["Hello, Version Control!\\n"]}]},
              {"id": "cell_003", "cell_type": "code",
               "source": ["# Generate some test data\\n", "data = np.random.randn(100, 3)\\n",
                          "df = pd.DataFrame(data, columns=['A', 'B', 'C'])\\n", "print(f'Data shape: {df.shape}')"],
               "metadata": {}, "execution_count": 2,
               "outputs": [{"output_type": "stream", "name": "stdout", "text": ["Data shape: (100, 3)\\n"]}]}
             ],
             "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                          "language_info": {"name": "python", "version": "3.9.7"}},
             "nbformat": 4, "nbformat_minor": 4}
            """;

    private static final JsonNode PARSED = JsonMapper.builder().build().readTree(CONTENT);

    private SampleNotebook() {
    }

    static JsonNode content() {
        return PARSED;
    }
}
