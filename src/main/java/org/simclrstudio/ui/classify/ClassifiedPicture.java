package org.simclrstudio.ui.classify;

import java.util.List;

import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.infer.Prediction;

/**
 * One picture the user gave to the Classify workspace and what became of it.
 *
 * @param name file name or "Pasted image"
 * @param image the decoded picture (EXIF orientation applied), null when it could not be read
 * @param top the most probable classes, most probable first; empty on error
 * @param error one line for the user when the picture could not be read or classified, else empty
 */
public record ClassifiedPicture(String name, RgbImage image, List<Prediction> top, String error) {

    /** Returns whether the picture was classified. */
    public boolean succeeded() {
        return error.isEmpty();
    }
}
