package org.simclrstudio.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KerasEncoderFlopsTest {

    @Test
    void forwardAt96MatchesHandCount() {
        // Convolutions 96 -> 47 -> 23 -> 11 -> 5 with 128 filters, then Dense 3200x128 and two 128x128 layers.
        double expected = 2.0 * (3 * 9 * 128 * 47 * 47 + 128 * 9 * 128 * (23 * 23 + 11 * 11 + 5 * 5)
                + 3200 * 128 + 2 * 128 * 128);
        assertEquals(expected, KerasEncoderFlops.forwardFlopPerImage(96), 1.0);
        assertEquals(0.646, KerasEncoderFlops.trainingFlopPerView(96) / 1e9, 0.001);
    }

    @Test
    void smallestSizeIs31() {
        assertEquals(2.0 * (3 * 9 * 128 * 15 * 15 + 128 * 9 * 128 * (7 * 7 + 3 * 3 + 1) + 128 * 128 * 3),
                KerasEncoderFlops.forwardFlopPerImage(31), 1.0);
        assertThrows(IllegalArgumentException.class, () -> KerasEncoderFlops.forwardFlopPerImage(30));
    }
}
