package org.ferrum.pipeline.editor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.netbeans.api.sendopts.CommandException;
import org.netbeans.spi.sendopts.Env;
import org.netbeans.spi.sendopts.Option;
import org.netbeans.spi.sendopts.OptionProcessor;
import org.openide.util.lookup.ServiceProvider;
import org.openide.windows.WindowManager;

/**
 * {@code ferrum --open PIPELINE.json}: opens the file in the pipeline editor once the window system is up (also when
 * the application is already running: the launcher hands the option to the running instance). A missing file ends
 * with exit status 2 and one line naming it.
 */
@ServiceProvider(service = OptionProcessor.class)
public final class OpenPipelineOption extends OptionProcessor {

    private static final Option OPEN = Option.shortDescription(Option.requiredArgument(Option.NO_SHORT_NAME, "open"),
            "org.ferrum.pipeline.editor.Bundle", "OPEN_OPTION");

    @Override
    protected Set<Option> getOptions() {
        return Set.of(OPEN);
    }

    @Override
    protected void process(Env env, Map<Option, String[]> values) throws CommandException {
        String arg = values.get(OPEN)[0];
        Path file = env.getCurrentDirectory().toPath().resolve(arg).normalize();
        if (!Files.isRegularFile(file)) {
            throw new CommandException(2, "--open: " + file + " is not a pipeline file (no such file)");
        }
        WindowManager.getDefault().invokeWhenUIReady(() -> PipelineEditorTopComponent.open(file));
    }
}
