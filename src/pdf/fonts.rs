//! The fonts every PDF uses, embedded in the binary so no system font is needed: Sarabun
//! (regular, bold, italic, bold italic; OFL) for all text and IBM Plex Mono (OFL) for code.
//! Licences: `themes/default/fonts/OFL.txt` and `OFL-IBMPlexMono.txt`.

pub const SARABUN_REGULAR: &[u8] = include_bytes!("../../themes/default/fonts/Sarabun-Regular.ttf");
pub const SARABUN_BOLD: &[u8] = include_bytes!("../../themes/default/fonts/Sarabun-Bold.ttf");
pub const SARABUN_ITALIC: &[u8] = include_bytes!("../../themes/default/fonts/Sarabun-Italic.ttf");
pub const SARABUN_BOLD_ITALIC: &[u8] =
    include_bytes!("../../themes/default/fonts/Sarabun-BoldItalic.ttf");
pub const MONO_REGULAR: &[u8] =
    include_bytes!("../../themes/default/fonts/IBMPlexMono-Regular.ttf");

/// All embedded font files, in the order handed to Typst.
pub const ALL: [&[u8]; 5] = [
    SARABUN_REGULAR,
    SARABUN_BOLD,
    SARABUN_ITALIC,
    SARABUN_BOLD_ITALIC,
    MONO_REGULAR,
];
