package org.ferrum.welcome;

import java.awt.BorderLayout;
import javax.swing.JEditorPane;
import javax.swing.JScrollPane;
import javax.swing.text.html.HTMLEditorKit;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.util.NbBundle.Messages;
import org.openide.windows.TopComponent;

/**
 * The window Ferrum opens on: what it is for and what the installed modules can do.
 */
@TopComponent.Description(preferredID = "FerrumWelcomeTopComponent",
        iconBase = "org/ferrum/welcome/ferrum16.png",
        persistenceType = TopComponent.PERSISTENCE_ONLY_OPENED)
@TopComponent.Registration(mode = "editor", openAtStartup = true)
@ActionID(category = "Window", id = "org.ferrum.welcome.WelcomeTopComponent")
@ActionReference(path = "Menu/Help", position = 100)
@TopComponent.OpenActionRegistration(displayName = "#CTL_WelcomeAction", preferredID = "FerrumWelcomeTopComponent")
@Messages({
    "CTL_WelcomeAction=Welcome to Ferrum",
    "CTL_WelcomeTopComponent=Welcome",
    "HINT_WelcomeTopComponent=What Ferrum is for and what it can do today"
})
public final class WelcomeTopComponent extends TopComponent {

    private final JEditorPane page = new JEditorPane();

    public WelcomeTopComponent() {
        setName(Bundle.CTL_WelcomeTopComponent());
        setToolTipText(Bundle.HINT_WelcomeTopComponent());
        setLayout(new BorderLayout());
        page.setEditable(false);
        page.setEditorKit(new HTMLEditorKit());
        page.putClientProperty(JEditorPane.HONOR_DISPLAY_PROPERTIES, Boolean.TRUE);
        add(new JScrollPane(page), BorderLayout.CENTER);
    }

    @Override
    protected void componentOpened() {
        // Read the modules when shown, so modules enabled later are listed too.
        page.setText(WelcomePage.html(InstalledCapabilities.ferrumModules(), InstalledCapabilities.readableFormats(),
                InstalledCapabilities.writableFormats()));
        page.setCaretPosition(0);
    }
}
