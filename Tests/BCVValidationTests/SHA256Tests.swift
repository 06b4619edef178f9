import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

@Suite struct SHA256Digests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
  ])
  func knownVectorsMatchFIPS180(text: String, digest: String) {
    #expect(SHA256.hex(of: text) == digest)
    #expect(SHA256.hex(of: Array(text.utf8)) == digest)
  }

  @Test func feedingInPiecesGivesTheSameDigestAsOneUpdate() {
    let bytes = (0..<4).flatMap { _ in (0..<256).map { UInt8($0) } }
    #expect(SHA256.hex(of: bytes) == "785b0751fc2c53dc14a4ce3d800e69ef9ce1009eb327ccf458afe09c242c26c9")
    var rng = SeededGenerator(seed: propertyTestSeed)
    for _ in 0..<50 {
      var h = SHA256()
      var i = 0
      while i < bytes.count {
        let n = min(bytes.count - i, rng.nextInt(below: 130))
        h.update(bytes[i..<(i + n)])
        i += n
      }
      #expect(h.finalizeHex() == SHA256.hex(of: bytes))
    }
  }
}
