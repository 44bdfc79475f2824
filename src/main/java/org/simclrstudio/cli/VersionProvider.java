package org.simclrstudio.cli;

import org.simclrstudio.core.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints the app version and the versions of the runtime and engine for {@code --version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "SimCLR Studio " + BuildInfo.version(),
            "DJL " + BuildInfo.djlVersion() + ", PyTorch " + BuildInfo.pytorchVersion()
                    + ", JavaFX " + BuildInfo.javafxVersion(),
            "Java " + BuildInfo.javaVersion()
        };
    }
}
