package org.ferrum.pipeline.ops;

import java.io.IOException;
import java.nio.file.Path;
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
public final class WriteTable implements Operator {

    static final String ID = "io.write.table";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Write table (CSV)")
            .category(Categories.INPUT_OUTPUT)
            .description("Writes a table as CSV: a header 'name [unit]' per column, numbers exact, NaN as an empty cell.")
            .input(Port.required("table", PortTypes.TABLE, "The table to write"))
            .parameter(Parameter.path("path", null, "Target .csv file; relative paths are relative to the pipeline file"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Table table = context.input("table", PortTypes.TABLE);
        Path file = context.path("path");
        context.progress(0, "writing " + file.getFileName());
        try {
            TableCsv.write(table, file);
        } catch (IOException e) {
            throw FileFailures.writing("path", file, e);
        }
        context.log("wrote " + file + ": " + table.rowCount() + " rows");
        context.progress(1, "wrote " + file.getFileName());
    }
}
