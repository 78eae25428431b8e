/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.pipeline.ops;

import org.ferrum.core.Table;
import org.ferrum.io.table.TableCsv;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * Writes a table as CSV with units in the header ({@link TableCsv}), atomically. Missing folders are
 * created. No outputs: the executor runs writers every time.
 */
@ServiceProvider(service = Operator.class)
public final class WriteTableOperator implements Operator {

    static final String ID = "io.write.table";

    public static final Port<Table> TABLE = Port.required("table", PortTypes.TABLE, "The table to write");
    public static final Parameter<String> PATH =
            Parameter.path("path", null, "Target .csv file; relative paths are relative to the pipeline file");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Write table (CSV)")
            .category(Categories.INPUT_OUTPUT)
            .description(
                    "Writes a table as CSV: a header 'name [unit]' per column, numbers exact, NaN as an empty cell.")
            .input(TABLE)
            .parameter(PATH)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Table table = context.input(TABLE);
        FileWriting.write(context, PATH, file -> TableCsv.write(table, file), table.rowCount() + " rows");
    }
}
