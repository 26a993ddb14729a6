//! The `shebao` binary.

fn main() {
    println!("shebao: under construction");
}
