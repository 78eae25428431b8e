package org.ferrum.application.journeys;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every name by which the journeys find something in the application's windows: window classes and titles, menu paths,
 * button texts, the texts that say a run or a conversion has finished. The features change (the editor, the comparison
 * view, the viewer, the DICOM import window are being reworked); when a name changes, it changes here and nowhere else.
 *
 * <p>Windows ({@code TopComponent}s) are matched by {@link Gui#topComponent}: by class name (simple or qualified), by
 * {@code getName()} or by display name (exact, or as a prefix). Menu paths use "|" between levels and match by prefix,
 * so a trailing "…" need not be written.
 */
final class JourneyNames {

    private JourneyNames() {
    }

    // ---- first start -------------------------------------------------------------------------------------------------
    /** The welcome window (modules/welcome). */
    static final String WELCOME_WINDOW = "WelcomeTopComponent";
    /** The study browser the demo cohort opens in (modules/study-ui). */
    static final String STUDY_BROWSER_WINDOW = "StudyBrowserTopComponent";
    /** Title prefix of the first start's comparison of the demo visit's maps (study-ui DemoWorkspace). */
    static final String DEMO_COMPARISON_TITLE = "DEMO — simulated abdomen";
    /** The maps the demo comparison must show, as parts of the viewer's tooltip/content (χ, R2*, LIC, PDFF). */
    static final List<String> DEMO_MAPS = List.of("chi", "r2star", "lic", "pdff");

    // ---- menus -------------------------------------------------------------------------------------------------------
    static final String MENU_NEW_PIPELINE = "File|New Pipeline";
    static final String MENU_OPEN_PIPELINE = "File|Open Pipeline";
    static final String MENU_IMPORT_DICOM = "File|Import DICOM Folder";
    static final String MENU_EXIT = "File|Exit";

    // ---- pipeline editor ---------------------------------------------------------------------------------------------
    static final String EDITOR_WINDOW = "PipelineEditorTopComponent";
    /** Title of the file chooser of File ▸ Open Pipeline…. */
    static final String OPEN_PIPELINE_CHOOSER = "Open pipeline";
    static final String RUN_BUTTON = "Run";
    /** If Run asks for input values first (a dialog), the button that starts the run with the values shown. */
    static final List<String> RUN_DIALOG_CONFIRM = List.of("Run", "OK");
    static final String SHOW_OUTPUTS_BUTTON = "Show outputs";
    /** The editor's status line after a whole run: how many nodes ran and how many came from the cache. */
    static final Pattern RUN_FINISHED = Pattern.compile("pipeline done: (\\d+) ran, (\\d+) from the cache.*");
    /** Words of a node's state line once a run has computed or reused it ("cached" today; "done" for a fresh result). */
    static final List<String> FINISHED_STATES = List.of("done", "cached");
    /** Word of a node's state line after an edit that the next run recomputes. */
    static final String STALE_STATE = "stale";
    /** The node and parameter that the brain-QSM journey changes, and the value it sets (the default is 200). */
    static final String BRAIN_QSM_NODE = "dipole";
    static final String BRAIN_QSM_PARAMETER = "max_iterations";
    static final String BRAIN_QSM_NEW_VALUE = "40";
    /** Nodes upstream of {@link #BRAIN_QSM_NODE}: a parameter change there must not re-run them. */
    static final List<String> BRAIN_QSM_UPSTREAM = List.of("read", "mask", "unwrap", "combine");
    /** The operator palette's tree holds operators as leaves; the journey adds the first one to dirty a pipeline. */
    static final String PALETTE_CLASS = "OperatorPalette";

    // ---- viewer ------------------------------------------------------------------------------------------------------
    static final String VIEWER_WINDOW = "ViewerTopComponent";

    // ---- DICOM import ------------------------------------------------------------------------------------------------
    static final String DICOM_IMPORT_WINDOW = "DicomImportTopComponent";
    static final String DICOM_SCAN_CHOOSER = "Import DICOM Folder";
    static final String DICOM_CONVERT_BUTTON = "Convert to NIfTI";
    static final String DICOM_CONVERT_CHOOSER = "Convert to NIfTI";
    /** The status line once a scan has finished. */
    static final Pattern DICOM_SCANNED = Pattern.compile("Scanned .*");
    /** The status line once a conversion has finished: "Converted into OUT: N outputs written, …". */
    static final Pattern DICOM_CONVERTED = Pattern.compile("Converted into .*: (\\d+) outputs? written.*");
    /** A series row of the import tree: "#NUMBER  DESCRIPTION  ·  …". */
    static final Pattern DICOM_SERIES_ROW = Pattern.compile("#(\\d+)\\s+(.+?)\\s+·.*");
    /** The series the journey converts: a small one, 3 files (heudiconv's multi-echo GRE magnitude). */
    static final Pattern DICOM_SERIES_TO_CONVERT = Pattern.compile("#\\d+\\s+GRE_QSM\\s+·\\s+MR\\s+·\\s+magnitude\\b.*");

    // ---- dialogs -----------------------------------------------------------------------------------------------------
    /** Buttons that leave a question without changing anything, in order of preference. */
    static final List<String> CANCEL_BUTTONS = List.of("Cancel");
    /** Buttons that close a modified pipeline without saving it, in order of preference. */
    static final List<String> DISCARD_BUTTONS = List.of("Discard", "Don't Save", "Do Not Save", "No");
}
