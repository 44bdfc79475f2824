package org.simclrstudio.core.explore;

import java.util.Locale;

/** Ways to map encoder features to two dimensions, named as on the command line. */
public enum ProjectionMethod {
    /** Principal component analysis: the two directions of largest variance, linear and fast. */
    PCA,
    /** Barnes-Hut t-SNE: keeps local neighbourhoods, slow beyond about 10,000 images. */
    TSNE;

    /** Returns the command-line name, such as {@code pca}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the name shown to users, such as {@code t-SNE}. */
    public String displayName() {
        return this == PCA ? "PCA" : "t-SNE";
    }
}
