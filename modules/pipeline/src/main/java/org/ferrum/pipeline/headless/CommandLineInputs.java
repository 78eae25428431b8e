package org.ferrum.pipeline.headless;

import java.util.Map;

/** Parsing of {@code --input NAME=VALUE} arguments, shared by every command-line front end. */
public final class CommandLineInputs {

    private CommandLineInputs() {
    }

    /**
     * Adds one {@code NAME=VALUE} to {@code inputs}.
     *
     * @return null if fine, else the message to print (malformed or repeated)
     */
    public static String add(Map<String, String> inputs, String nameEqualsValue) {
        int eq = nameEqualsValue.indexOf('=');
        if (eq <= 0 || eq == nameEqualsValue.length() - 1) {
            return "--input expects NAME=VALUE, got '" + nameEqualsValue + "'";
        }
        String name = nameEqualsValue.substring(0, eq);
        if (inputs.putIfAbsent(name, nameEqualsValue.substring(eq + 1)) != null) {
            return "--input " + name + " is given twice";
        }
        return null;
    }
}
